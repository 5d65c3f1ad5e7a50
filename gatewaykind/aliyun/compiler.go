package aliyun

import (
	"github.com/gwsync/gwsync/compiler"
	alicompiler "github.com/gwsync/gwsync/compiler/aliyun"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// DecodeDesired implements compiler.Decoder.
func (Kind) DecodeDesired(dc *compiler.Decoding, root *compiler.Node) (*model.Desired, []diag.Finding) {
	return alicompiler.DecodeDesired(dc, root)
}

// DesiredLayout implements compiler.Decoder.
func (Kind) DesiredLayout() compiler.Layout { return alicompiler.Layout }

// SelectsEmbedded implements compiler.Decoder.
func (Kind) SelectsEmbedded(provider string, local bool) bool {
	return alicompiler.SelectsEmbedded(provider, local)
}

// TypedFindings implements compiler.Decoder.
func (Kind) TypedFindings(d *model.Desired) []diag.Finding { return alicompiler.TypedFindings(d) }
