DROP TABLE sessions;

--bun:split

DROP TABLE grants;

--bun:split

DROP TABLE users;

--bun:split

DROP TABLE facilities;

--bun:split

DROP TABLE partners;

--bun:split

DROP TABLE members;

--bun:split

DROP TABLE groups;

--bun:split

DROP TABLE cooperatives;
