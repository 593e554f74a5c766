DROP INDEX report_keys_queue_by_risk;
