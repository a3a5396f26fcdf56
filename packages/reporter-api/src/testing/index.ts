// Conformance kit: implemented in the reporter-api issue.
export {};
