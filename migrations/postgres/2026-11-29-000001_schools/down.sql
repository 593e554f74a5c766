DROP TABLE schools;
