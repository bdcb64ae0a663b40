package dev.idcplane.doctor;

import dev.idcplane.config.IdcConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Produces the doctor's discovery client from {@code idc.doctor.*}. */
@ApplicationScoped
public class DoctorSetup {
  @Produces
  @Singleton
  IssuerDiscovery discovery(IdcConfig config) {
    IdcConfig.Doctor d = config.doctor();
    return new IssuerDiscovery(
        IssuerDiscovery.tls(
            d.trustStore().map(Path::of).orElse(null),
            d.trustStorePassword().map(String::toCharArray).orElse(null)),
        d.timeout());
  }
}
