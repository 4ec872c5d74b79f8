// Public API of @berth/gateway; filled in by a later issue.
export {};
