package io.vitalstream.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The endpoint tests again, against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
class FilterEndpointIT extends FilterEndpointTest {
}
