// Public API of @berth/discovery; filled in by later issues.
export {};
