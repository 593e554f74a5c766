DROP TABLE insight_changes;
DROP TABLE insight_counts;
ALTER TABLE reports DROP COLUMN referral;
