package huawei

import (
	"github.com/gwsync/gwsync/compiler"
	hwcompiler "github.com/gwsync/gwsync/compiler/huawei"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// DecodeDesired implements compiler.Decoder.
func (Kind) DecodeDesired(dc *compiler.Decoding, root *compiler.Node) (*model.Desired, []diag.Finding) {
	return hwcompiler.DecodeDesired(dc, root)
}

// DesiredLayout implements compiler.Decoder.
func (Kind) DesiredLayout() compiler.Layout { return hwcompiler.Layout }

// SelectsEmbedded implements compiler.Decoder.
func (Kind) SelectsEmbedded(provider string, local bool) bool {
	return hwcompiler.SelectsEmbedded(provider, local)
}

// TypedFindings implements compiler.Decoder: a Huawei typed package's
// definitions hold nothing beyond the shape.
func (Kind) TypedFindings(*model.Desired) []diag.Finding { return nil }
