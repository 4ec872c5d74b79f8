// Public API of @berth/client-pool; filled in by later issues.
export {};
