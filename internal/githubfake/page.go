package githubfake

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Page sizes, as GitHub's REST API has them.
const (
	DefaultPerPage = 30
	MaxPerPage     = 100
)

// paginate returns the page of items the request asks for (per_page,
// default 30, at most 100; page, from 1) and sends a Link header with
// first, prev, next and last as GitHub does when there is more than one
// page.
func paginate[T any](w http.ResponseWriter, r *http.Request, items []T) []T {
	perPage, page := pageParams(r.URL.Query())
	pages := max(1, (len(items)+perPage-1)/perPage)
	if pages > 1 {
		w.Header().Set("Link", linkHeader(r, page, pages))
	}
	lo := min((page-1)*perPage, len(items))
	return items[lo:min(lo+perPage, len(items))]
}

func pageParams(q url.Values) (perPage, page int) {
	perPage, err := strconv.Atoi(q.Get("per_page"))
	if err != nil || perPage < 1 {
		perPage = DefaultPerPage
	}
	page, err = strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	return min(perPage, MaxPerPage), page
}

// linkHeader links the other pages of the request's list, at the address
// the client used (prefix included).
func linkHeader(r *http.Request, page, pages int) string {
	u, err := url.Parse(r.RequestURI)
	if err != nil {
		u = r.URL
	}
	link := func(p int, rel string) string {
		q := u.Query()
		q.Set("page", strconv.Itoa(p))
		return "<http://" + r.Host + u.Path + "?" + q.Encode() + `>; rel="` + rel + `"`
	}
	var parts []string
	if page > 1 {
		parts = append(parts, link(min(page-1, pages), "prev"))
	}
	if page < pages {
		parts = append(parts, link(page+1, "next"), link(pages, "last"))
	}
	if page > 1 {
		parts = append(parts, link(1, "first"))
	}
	return strings.Join(parts, ", ")
}
