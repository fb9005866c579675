"""The law as data and what follows from it: rules, findings, the addressee, deadlines, the findings report, .ics."""
