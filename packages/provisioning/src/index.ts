// Public API of @berth/provisioning; filled in by later issues.
export {};
