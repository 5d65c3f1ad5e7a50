package acs3

import (
	"fmt"
	"net/http"
)

// Error codes returned by [Verifier.Verify]. The codes marked "Alibaba"
// appear in Alibaba Cloud's public common-error tables; the others are
// invented for the emulator. The statuses follow the emulator's design and
// may differ from the real gateway (Alibaba documents 400 for
// InvalidTimeStamp.Expired and SignatureNonceUsed, for example).
const (
	// CodeMissingAuthorization means there is no Authorization header
	// (invented).
	CodeMissingAuthorization = "MissingAuthorization"
	// CodeIncompleteSignature means the Authorization header is malformed
	// or names an unsupported algorithm (Alibaba).
	CodeIncompleteSignature = "IncompleteSignature"
	// CodeInvalidAccessKeyID means the AccessKey ID is unknown (Alibaba).
	CodeInvalidAccessKeyID = "InvalidAccessKeyId.NotFound"
	// CodeSignatureDoesNotMatch means the signature, the body hash or the
	// signed-header list is wrong (Alibaba).
	CodeSignatureDoesNotMatch = "SignatureDoesNotMatch"
	// CodeSignatureNonceUsed means the nonce was already used (Alibaba).
	CodeSignatureNonceUsed = "SignatureNonceUsed"
	// CodeTimeStampFormat means x-acs-date cannot be parsed (Alibaba).
	CodeTimeStampFormat = "InvalidTimeStamp.Format"
	// CodeTimeStampExpired means x-acs-date is outside the allowed skew
	// (Alibaba).
	CodeTimeStampExpired = "InvalidTimeStamp.Expired"
	// CodeInvalidParameter means the query string cannot be parsed
	// (Alibaba).
	CodeInvalidParameter = "InvalidParameter"
)

// Error is a rejected request: the HTTP status to answer with and the code
// and message for the APIG error envelope. Messages say what is wrong and
// what to check; they never contain an AccessKey secret or the signature
// the server expected.
type Error struct {
	Status  int
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("%s (HTTP %d): %s", e.Code, e.Status, e.Message)
}

// newError builds an *Error with a formatted message.
func newError(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// mismatch is a 403 SignatureDoesNotMatch with a formatted message.
func mismatch(format string, args ...any) *Error {
	return newError(http.StatusForbidden, CodeSignatureDoesNotMatch, format, args...)
}

// incomplete is a 400 IncompleteSignature with a formatted message.
func incomplete(format string, args ...any) *Error {
	return newError(http.StatusBadRequest, CodeIncompleteSignature, format, args...)
}
