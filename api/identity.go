package api

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/ledger"
)

type loginRequest struct {
	Login    string `json:"login"`
	Password string `json:"password"`
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

type tokenResponse struct {
	AccessToken           string    `json:"access_token"`
	TokenType             string    `json:"token_type"`
	ExpiresIn             int       `json:"expires_in"`
	RefreshToken          string    `json:"refresh_token"`
	RefreshTokenExpiresAt time.Time `json:"refresh_token_expires_at"`
}

// login exchanges a login and password for an access and a refresh token.
// Failures count against the login and the client address, as limiter.go
// says: a login past its limit is 429 whatever the password, and past the
// address's limit a wrong password is 429 while a right one signs in.
func (s *server) login(c *fiber.Ctx) error {
	var req loginRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	return s.withPassword(c, req.Login, req.validate, func(ctx context.Context) (identity.Session, []string, error) {
		sess, err := s.identity.Login(ctx, req.Login, req.Password)
		return sess, nil, err
	})
}

type passwordChangeRequest struct {
	Login       string `json:"login"`
	Password    string `json:"password"`
	NewPassword string `json:"new_password"`
}

// changePassword sets a user's password, proven by the one she holds (her
// own, or a temporary one from a reset), ends all her sessions and signs
// her in afresh. It needs no access token: a temporary password signs
// nobody in, and this is how it is exchanged. As it checks a password, it
// is held to the login's limits: a wrong one counts against the login and
// the address alike, so it is no way around them to guess a password.
func (s *server) changePassword(c *fiber.Ctx) error {
	var req passwordChangeRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	validate := func() error {
		err := loginRequest{Login: req.Login, Password: req.Password}.validate()
		if req.NewPassword == "" {
			fields := []ledger.FieldError{{Field: "new_password", Reason: "required"}}
			if e := ledger.AsError(err); e != nil {
				fields = append(e.Fields, fields...)
			}
			return ledger.Invalid("login.invalid", "send a login, the password and the new password", fields...)
		}
		return err
	}
	return s.withPassword(c, req.Login, validate, func(ctx context.Context) (identity.Session, []string, error) {
		return s.identity.ChangePassword(ctx, identity.PasswordChange(req))
	})
}

// withPassword runs check, which checks a password for login and starts a
// session, under the login limits and within the bound on password checks
// running at once; it ends the sessions check ended and answers the new
// session's tokens. validate runs once the login is known not to be
// blocked, so that a blocked login learns nothing else.
func (s *server) withPassword(c *fiber.Ctx, login string, validate func() error,
	check func(context.Context) (identity.Session, []string, error)) error {
	loginKey, addrKey := "login:"+limiterLogin(login), "addr:"+s.proxies.clientAddress(c)
	if blocked, wait := s.byLogin.blocked(loginKey); blocked {
		return tooManyFailures(c, wait)
	}
	if err := validate(); err != nil {
		return err
	}
	sess, ended, err := s.boundedCheck(c, check)
	if ledger.KindOf(err) == ledger.KindUnauthenticated {
		return s.failed(c, loginKey, addrKey, err)
	}
	if err != nil {
		return err
	}
	s.byLogin.forget(loginKey)
	s.revocations.revoke(ended...)
	return s.issue(c, sess)
}

// boundedCheck runs check within the bound on password checks running at
// once.
func (s *server) boundedCheck(c *fiber.Ctx, check func(context.Context) (identity.Session, []string, error)) (identity.Session, []string, error) {
	if !s.passwordChecks.acquire(passwordCheckWait) {
		return identity.Session{}, nil, ledger.Unavailable("auth.busy", "too many logins at once; try again in a moment", nil)
	}
	defer s.passwordChecks.release()
	return check(c.UserContext())
}

// failed counts a wrong login against its login and its address. From an
// address already past its limit the answer is 429 rather than err: it
// tells no more about the password than a 401 would.
func (s *server) failed(c *fiber.Ctx, loginKey, addrKey string, err error) error {
	addrBlocked, wait := s.byAddress.blocked(addrKey)
	s.byLogin.fail(loginKey)
	s.byAddress.fail(addrKey)
	if addrBlocked {
		return tooManyFailures(c, wait)
	}
	return err
}

// validate refuses a request missing the login or the password: a form
// sent half filled in is the client's mistake, answered 422 naming the
// field, and not a failed login that counts towards locking her out.
func (req loginRequest) validate() error {
	var fields []ledger.FieldError
	if strings.TrimSpace(req.Login) == "" {
		fields = append(fields, ledger.FieldError{Field: "login", Reason: "required"})
	}
	if req.Password == "" {
		fields = append(fields, ledger.FieldError{Field: "password", Reason: "required"})
	}
	if len(fields) > 0 {
		return ledger.Invalid("login.invalid", "send a login and a password", fields...)
	}
	return nil
}

// tooManyFailures answers 429 with the seconds until the window that
// refused the login ends.
func tooManyFailures(c *fiber.Ctx, wait time.Duration) error {
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(wait.Seconds())+1))
	return fiber.ErrTooManyRequests
}

// refresh exchanges a refresh token for new tokens; the old one stops
// working, and presenting it again signs out every holder.
func (s *server) refresh(c *fiber.Ctx) error {
	var req refreshRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	sess, err := s.identity.Refresh(c.UserContext(), req.RefreshToken)
	if err != nil {
		return err
	}
	return s.issue(c, sess)
}

// logout ends the session of a refresh token, its access tokens with it.
func (s *server) logout(c *fiber.Ctx) error {
	var req refreshRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	ended, err := s.identity.Logout(c.UserContext(), req.RefreshToken)
	if err != nil {
		return err
	}
	if ended != "" {
		s.revocations.revoke(ended)
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *server) issue(c *fiber.Ctx, sess identity.Session) error {
	token, expires, err := s.tokens.Issue(sess)
	if err != nil {
		return err
	}
	return c.JSON(tokenResponse{
		AccessToken: token, TokenType: "Bearer", ExpiresIn: int(time.Until(expires).Seconds()),
		RefreshToken: sess.RefreshToken, RefreshTokenExpiresAt: sess.ExpiresAt,
	})
}

// limiterLogin is the form of a login the limiter counts under: as the
// service compares it (trimmed, lower case), and cut short, so that case
// games do not reset the count and huge logins do not fill memory.
func limiterLogin(login string) string {
	login = strings.ToLower(strings.TrimSpace(login))
	if len(login) > 256 {
		login = login[:256]
	}
	return login
}

type userRequest struct {
	Login    string `json:"login"`
	Name     string `json:"name"`
	Password string `json:"password"`
}

func (s *server) createUser(c *fiber.Ctx) error {
	var req userRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	u, err := s.identity.CreateUser(c.UserContext(), actor(c), identity.UserInput(req))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toUser(u))
}

func (s *server) listUsers(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	us, next, err := s.identity.FindUsers(c.UserContext(), actor(c), p)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(us, func(u accounts.User) listedUserJSON {
		return listedUserJSON{userJSON: toUser(u), Deactivated: u.Deactivated}
	}), next))
}

// listedUserJSON is a user in the admin's list, with whether she is
// deactivated, so that the app offers the one action that applies.
type listedUserJSON struct {
	userJSON
	Deactivated bool `json:"deactivated"`
}

type grantRequest struct {
	Role          string `json:"role"`
	CooperativeID string `json:"cooperative_id"`
	MemberID      string `json:"member_id"`
	PartnerID     string `json:"partner_id"`
}

func (s *server) addGrant(c *fiber.Ctx) error {
	var req grantRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	g, err := s.identity.AddGrant(c.UserContext(), actor(c), c.Params("user"), identity.GrantInput{
		Role: accounts.Role(req.Role), CooperativeID: req.CooperativeID, MemberID: req.MemberID, PartnerID: req.PartnerID})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toGrant(g))
}

func (s *server) listGrants(c *fiber.Ctx) error {
	gs, err := s.identity.FindGrants(c.UserContext(), actor(c), c.Params("user"))
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(gs, toGrant), ""))
}

// removeGrant takes a grant away; the user's sessions end with it, and so
// do the access tokens that carry it.
func (s *server) removeGrant(c *fiber.Ctx) error {
	ended, err := s.identity.RemoveGrant(c.UserContext(), actor(c), c.Params("user"), c.Params("grant"))
	if err != nil {
		return err
	}
	s.revocations.revoke(ended...)
	return c.SendStatus(fiber.StatusNoContent)
}

type passwordResetResponse struct {
	TemporaryPassword string    `json:"temporary_password"`
	ExpiresAt         time.Time `json:"expires_at"`
}

// resetPassword gives a user a temporary password, answered this once and
// never stored but as a hash, and ends her sessions. She exchanges it for
// her own at POST /v1/auth/password before it expires.
func (s *server) resetPassword(c *fiber.Ctx) error {
	r, ended, err := s.identity.ResetPassword(c.UserContext(), actor(c), c.Params("user"))
	if err != nil {
		return err
	}
	s.revocations.revoke(ended...)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(passwordResetResponse{TemporaryPassword: r.Password, ExpiresAt: r.ExpiresAt})
}

// deactivateUser stops a user from signing in; her sessions end, and so do
// the access tokens they hold.
func (s *server) deactivateUser(c *fiber.Ctx) error {
	ended, err := s.identity.Deactivate(c.UserContext(), actor(c), c.Params("user"))
	if err != nil {
		return err
	}
	s.revocations.revoke(ended...)
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *server) reactivateUser(c *fiber.Ctx) error {
	if err := s.identity.Reactivate(c.UserContext(), actor(c), c.Params("user")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type memberUserJSON struct {
	userJSON
	MemberID    string `json:"member_id"`
	Deactivated bool   `json:"deactivated"`
}

// listMemberUsers lists the users a cooperative's members sign in as, for
// its treasurer: whom she may reset a password for or deactivate.
func (s *server) listMemberUsers(c *fiber.Ctx) error {
	us, err := s.identity.FindMemberUsers(c.UserContext(), actor(c), c.Params("coop"))
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(us, func(u identity.MemberUser) memberUserJSON {
		return memberUserJSON{userJSON: toUser(u.User), MemberID: u.MemberID, Deactivated: u.Deactivated}
	}), ""))
}
