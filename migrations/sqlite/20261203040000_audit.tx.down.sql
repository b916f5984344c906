DROP TABLE audit_events;

--bun:split

DROP TABLE audit_chains;
