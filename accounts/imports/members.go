package imports

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// groupsMax bounds the groups a members file may name among: a
// cooperative's groups are a few dozen.
const groupsMax = 1000

// genderWords are the words a sheet writes for gender, in either language.
var genderWords = map[string]string{
	"female": "female", "perempuan": "female", "wanita": "female", "p": "female", "f": "female",
	"male": "male", "laki-laki": "male", "laki_laki": "male", "pria": "male", "l": "male", "m": "male",
	"other": "other", "lainnya": "other", "undisclosed": "undisclosed", "tidak_disebutkan": "undisclosed",
	"tidak disebutkan": "undisclosed",
}

// planMembers reads a members file: each row a member of a group named as
// the cooperative names it.
func (s *Service) planMembers(ctx context.Context, books accounts.Books, rs []record) ([]step, error) {
	groups, err := books.Groups(ctx, s.db, groupsMax)
	if err != nil {
		return nil, err
	}
	byName := map[string]string{}
	for _, g := range groups {
		byName[strings.ToLower(g.Name)] = g.ID
	}
	today := ledger.DateOf(s.now().UTC())
	steps := make([]step, 0, len(rs))
	for _, r := range rs {
		problems := len(*r.fields)
		in := accounts.MemberInput{Name: r.text("name"), BusinessType: r.text("business_type"), Phone: r.text("phone")}
		if g := r.required("group"); g != "" {
			if in.GroupID = byName[strings.ToLower(g)]; in.GroupID == "" {
				r.fail("group", "no such group in this cooperative")
			}
		}
		if g := r.required("gender"); g != "" {
			if in.Gender = genderWords[strings.ToLower(g)]; in.Gender == "" {
				r.fail("gender", "female, male, other or undisclosed (perempuan, laki-laki, lainnya, tidak disebutkan)")
			}
		}
		in.JoinedOn = r.date("joined_on", today)
		// The member's own rules, once the row's cells have read: a
		// cell already refused is not named twice.
		if len(*r.fields) == problems {
			var err error
			if in, err = in.Validate(today); err != nil {
				for _, f := range ledger.AsError(err).Fields {
					r.fail(serviceColumns[f.Field], f.Reason, f.Args...)
				}
			}
		}
		steps = append(steps, step{rec: r, col: "name", post: func(ctx context.Context, tx bun.Tx) (int, int, error) {
			_, err := accounts.CreateMemberTx(ctx, tx, books, in, s.now().UTC())
			return 1, 0, err
		}})
	}
	return steps, nil
}
