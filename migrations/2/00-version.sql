-- Version 2: the second release (refunds and voids, fair deadlines, hardening, salutations,
-- receipts). Each piece of the change is a file of its own in this folder, applied by name.
SELECT 1;
