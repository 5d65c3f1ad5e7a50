package report

// The internal tests' helpers, for the external tests (those that need
// the gateway kinds registered, which import this package).
var (
	RenderPlan        = renderPlan
	LastLine          = lastLine
	CheckCommentShape = checkCommentShape
	CreateRoute       = createRoute
)
