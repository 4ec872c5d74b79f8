// Public API of @berth/config.
export {
  BerthConfig,
  HostKeyPolicy,
  LocalProfile,
  Profile,
  type ProfileInput,
  ProfileName,
  SshProfile,
  TcpProfile,
  TlsOptions,
} from './profile-schema.js';
