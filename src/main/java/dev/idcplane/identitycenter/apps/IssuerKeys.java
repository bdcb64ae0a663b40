package dev.idcplane.identitycenter.apps;

import java.util.Optional;

/** Fetches the JSON Web Key Set a trusted token issuer publishes, as Identity Center does. */
public interface IssuerKeys {
  /** The JWKS document of {@code issuerUrl} (found through its discovery document), or empty. */
  Optional<String> keys(String issuerUrl);
}
