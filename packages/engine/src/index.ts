// Public API of @berth/engine; filled in by later issues.
export {};
