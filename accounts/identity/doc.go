// Package identity signs people in and keeps what each may do: users,
// their passwords (argon2id, stored in the PHC format), their sessions
// (refresh tokens stored only as hashes, rotated at each use; presenting a
// rotated token again revokes the whole family, but for the token rotated
// last within a few seconds' grace, which is answered its successor again)
// and their grants (a role with the scope it fits: a cooperative for a
// treasurer, a member for a member, a partner for a partner, nothing for an
// admin).
//
// An unknown login takes as long as a wrong password, and both are the one
// refusal auth.invalid_credentials. A password somebody else set (a
// reset) is temporary: it signs nobody in, and only buys her a password of
// her own before it expires. Changing or resetting a password, and
// deactivating a user, end her sessions. Identity never decides access
// itself: the grants it keeps become an accounts.Actor, and the policy in
// package accounts turns an actor into the scopes the other services take;
// keeping other people's accounts goes through the policy's scopes too.
package identity
