DROP TABLE meeting_payments;
