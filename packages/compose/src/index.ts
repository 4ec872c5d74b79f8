// Public API of @berth/compose; filled in by later issues.
export {};
