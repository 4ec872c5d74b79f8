// Public API of @berth/config; filled in by later issues.
export {};
