package io.github.imagejgan.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One Spark context per test class, in this JVM on two threads ({@code local[2,4]}: a failed task runs again, up to
 * four attempts, as on a cluster).
 */
abstract class SparkTestBase {

    static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2,4]").setAppName("imagej-gan tests")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
        spark = null;
    }

    /** Runs the Spark command line on the test class's context. */
    static TestSupport.Result sparkCli(String... args) {
        return TestSupport.sparkCli(spark, args);
    }
}
