package io.github.imagejgan.metrics.distribution;

import java.util.Locale;

import ij.measure.ResultsTable;

/** Distribution scores as results-table rows (Fiji) and as CSV (command line, and saved from Fiji). */
public final class DistributionTable {

    static final String CSV_HEADER = "metric,value,std,details,real,generated,real_samples,generated_samples,network";

    private DistributionTable() {
    }

    /** Adds one row per metric. */
    public static void add(ResultsTable table, DistributionScores scores, String real, String generated) {
        for (DistributionScores.Row row : scores.rows()) {
            table.incrementCounter();
            table.addValue("Metric", row.metric());
            table.addValue("Value", row.value());
            table.addValue("Std", row.std());
            table.addValue("Details", row.details());
            table.addValue("Real", real);
            table.addValue("Generated", generated);
            table.addValue("Real samples", scores.realSamples());
            table.addValue("Generated samples", scores.generatedSamples());
            table.addValue("Network", scores.network());
        }
    }

    /** A header line and one line per metric; a std that does not apply is left empty. */
    public static String csv(DistributionScores scores, String real, String generated) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (DistributionScores.Row row : scores.rows()) {
            csv.append(String.join(",", row.metric(), number(row.value()), number(row.std()), quoted(row.details()),
                    quoted(real), quoted(generated), Integer.toString(scores.realSamples()),
                    Integer.toString(scores.generatedSamples()), quoted(scores.network()))).append('\n');
        }
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    private static String quoted(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
