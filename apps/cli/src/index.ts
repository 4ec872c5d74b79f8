// Public API of @berth/cli; filled in by a later issue.
export {};
