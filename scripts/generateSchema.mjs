// Placeholder until the schema generator lands (issue 3).
