DROP TABLE insight_version;
