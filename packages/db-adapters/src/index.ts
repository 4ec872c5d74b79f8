// Public API of @berth/db-adapters; filled in by later issues.
export {};
