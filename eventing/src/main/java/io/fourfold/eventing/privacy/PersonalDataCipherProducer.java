package io.fourfold.eventing.privacy;

import io.fourfold.schema.personal.PersonalDataCipher;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the cipher of personal data, over the keys in the event store, injectable. */
@IfBuildProperty(name = "fourfold.event-store.enabled", stringValue = "true")
public class PersonalDataCipherProducer {

  @Produces
  @Singleton
  PersonalDataCipher personalDataCipher(JdbcDataKeys keys) {
    return new PersonalDataCipher(keys);
  }
}
