// Public API of @berth/tools; filled in by later issues.
export {};
