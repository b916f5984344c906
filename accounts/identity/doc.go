// Package identity signs people in and keeps what each may do: users,
// their passwords (argon2id, stored in the PHC format), their sessions
// (refresh tokens stored only as hashes, rotated at each use; presenting a
// rotated token again revokes the whole family) and their grants (a role
// with the scope it fits: a cooperative for a treasurer, a member for a
// member, a partner for a partner, nothing for an admin).
//
// An unknown login takes as long as a wrong password, and both are the one
// refusal auth.invalid_credentials. Identity never decides access itself:
// the grants it keeps become an accounts.Actor, and the policy in package
// accounts turns an actor into the scopes the other services take.
package identity
