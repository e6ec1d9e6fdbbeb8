// title: Claims with no named speaker
// description: How many claims each document holds whose speaker the text does not name (Whisper segments, neutral paraphrase in notes), kept apart rather than guessed.
MATCH (c:Claim)-[:STATED_IN]->(d:Document)
WHERE c.speaker IS NULL
RETURN d.path AS path, d.format AS format, count(c) AS unattributed
ORDER BY path
