package io.github.imagejgan.metrics.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureNetworksTest {

    /** Class path without Deeplearning4j, as in a Fiji without the optional jars. */
    private static final class WithoutDeeplearning4j extends ClassLoader {

        WithoutDeeplearning4j() {
            super(FeatureNetworksTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.deeplearning4j.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void withoutTheOptionalJarsTheMessageSaysWhatToInstall() {
        MissingLibrariesException e = assertThrows(MissingLibrariesException.class,
                () -> FeatureNetworks.loader(new WithoutDeeplearning4j()));
        assertTrue(e.getMessage().contains("optional Deeplearning4j jars"), e.getMessage());
        assertTrue(e.getMessage().contains("Distribution metrics"), e.getMessage());
        assertTrue(e.getMessage().contains("org.deeplearning4j.zoo.model.Xception"), e.getMessage());
    }

    @Test
    void withTheJarsTheLoaderIsFoundByName() {
        FeatureNetworkLoader loader = FeatureNetworks.loader(FeatureNetworks.class.getClassLoader());
        assertEquals(FeatureNetworks.LOADER, loader.getClass().getName());
    }
}
