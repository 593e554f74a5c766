DROP INDEX reports_unbound;
