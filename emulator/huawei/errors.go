package huawei

import (
	"errors"
	"fmt"
	"net/http"
)

// Error codes the emulator answers with. They are Huawei's documented
// codes (fact sheet §14); where the documentation gives two statuses for
// one code, the status of the operation's own example is used. Codes
// marked "emulator's choice" are not in Huawei's APIG tables.
const (
	codeMissing          = "APIG.2001" // a required parameter is missing (400)
	codeInvalid          = "APIG.2011" // an invalid value; the message names the field (400)
	codeInvalidBody      = "APIG.2012" // the body is not JSON for the operation (400)
	codeUndeclaredPath   = "APIG.2026" // a {param} of req_uri has no PATH req_param (400)
	codeBadToken         = "APIG.1002" // the signature or key is wrong (401)
	codeNoPermission     = "APIG.1005" // another project (403)
	codeExpired          = "APIG.0303" // X-Sdk-Date outside 15 minutes (401)
	codeThrottled        = "APIG.0308" // throttled (429; emulator's choice)
	codeSystemError      = "APIG.9999" // system error (500)
	codeUnknownOperation = "APIG.0101" // no such operation (404; emulator's choice)

	codeGroupNameTaken    = "APIG.3201"
	codeAPINameTaken      = "APIG.3202"
	codeThrottleNameTaken = "APIG.3204"
	codeEnvNameTaken      = "APIG.3205"
	codeACLNameTaken      = "APIG.3206"
	codeParamNameTaken    = "APIG.3209"
	codeAPIExists         = "APIG.3301" // same method + path + match mode in the group
	codeVariableExists    = "APIG.3303"
	codeDomainExists      = "APIG.3305"
	codePluginNameTaken   = "APIG.3326"

	codeGroupNotFound       = "APIG.3001"
	codeAPINotFound         = "APIG.3002"
	codeEnvNotFound         = "APIG.3003"
	codeThrottleNotFound    = "APIG.3005"
	codeACLNotFound         = "APIG.3006"
	codeACLBindNotFound     = "APIG.3010"
	codeVariableNotFound    = "APIG.3011"
	codeThrottleBndNotFound = "APIG.3012"
	codePublishNotFound     = "APIG.3015"
	codeDomainNotFound      = "APIG.3020"
	codeCertNotFound        = "APIG.3021"
	codeInstanceNotFound    = "APIG.3030"
	codePluginNotFound      = "APIG.3068"
	codeInstanceMissing     = "APIC.7302" // ShowDetailsOfInstanceV2's own code

	codeDomainQuota       = "APIG.3108" // over 5 domains on a group (403)
	codeEnvHasPublished   = "APIG.3418" // 403
	codeGroupHasAPIs      = "APIG.3415" // 412 in the op's example
	codeAPIPublished      = "APIG.3416" // 409 in the op's example
	codeACLBound          = "APIG.3447" // 403
	codeThrottleBound     = "APIG.3451" // 403
	codePluginBound       = "APIG.3462" // 409
	codePluginNeedsOnline = "APIG.3707" // 409
	codeDomainNotInGroup  = "APIG.3474" // 400 in the example
	codeVariableMissing   = "APIG.2011" // publish: a #var# undefined in the environment (emulator's choice of code)
)

// apiError is an error the API answers with: an HTTP status and an APIG
// error code.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// invalid is APIG.2011 naming the field, as Huawei writes it.
func invalid(field, format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, codeInvalid, "Invalid parameter value,parameterName:%s. %s", field, fmt.Sprintf(format, args...))
}

// missing is APIG.2001 naming the field.
func missing(field string) *apiError {
	return errf(http.StatusBadRequest, codeMissing, "The request parameters must be specified,parameterName:%s", field)
}

func notFound(code, format string, args ...any) *apiError {
	return errf(http.StatusNotFound, code, format, args...)
}

func taken(code, format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, code, format, args...)
}

func asAPIError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	return errf(http.StatusInternalServerError, codeSystemError, "system error: %v", err)
}
