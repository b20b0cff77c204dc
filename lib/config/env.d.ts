interface ImportMetaEnv {
  /** Set only in `--mode emulator` builds: the local Xero emulator's origin. */
  readonly WXT_XERO_EMULATOR_URL?: string;
  /** The Xero app's client id this build ships with; the options page can override it. */
  readonly WXT_XERO_CLIENT_ID?: string;
}
