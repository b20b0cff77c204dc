/**
 * The manifest `key` pins the extension id, and with it the OAuth redirect URI
 * `https://<id>.chromiumapp.org/` that a Xero app must register. Only the public half
 * of the key pair lives here; an unpacked build and the emulator agree on the id through it.
 */
export const MANIFEST_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqpnAgg03sL5QrdshJqbSL+VIykNXZC4ZQVMQrJ4Td5xQJGOEvvCoT2+I2V90u2aptMGDqQCezW0ly3H+hMMJntpjL8XFRz5g0NqqTsAW6qEA0Gd66LRC1pX9tVYHyySl5FRPp+n0RxsiD2IPiul7qEcajzUJmvOKjhHkE+SX8W9ExlB0jIYTYTl0ffcAtv29Z/PCML7/p5V7yq5ThF5zZqDTtSTtIcfLofDH04Uos4ZOR4sexrg1tdyZSECI368I3mJApV95LL+SBKpEO15ViazxN55lNkfonk6h2/bY6jFRGPnodGXma/Oyik3Cjqnuv1+MG8AbDZgbkD8NhFSquwIDAQAB';

/** sha256(DER public key)[0..32] mapped 0-f → a-p (asserted by a unit test). */
export const EXTENSION_ID = 'epnhjmfolepejpljphleggielkpnhnja';

export const OAUTH_REDIRECT_URI = `https://${EXTENSION_ID}.chromiumapp.org/`;
