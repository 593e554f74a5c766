DROP TABLE held_pictures;
DROP TABLE sent_forms;
