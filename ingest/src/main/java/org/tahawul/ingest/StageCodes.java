package org.tahawul.ingest;

import org.tahawul.datasets.reference.Agency;
import org.tahawul.datasets.reference.Channel;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.datasets.reference.Region;
import org.tahawul.datasets.reference.Service;
import org.tahawul.warehouse.Jdbc;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The coded columns the writers send. A valid line's agency, service, channel, event, beneficiary type and
 * region are values of the run's reference lists, so the writers send their positions (1, 2, ...; 0 for an
 * absent optional value) instead of the text: a few bytes instead of some fifty per row, which the server
 * receives faster. The events stage takes them in ephemeral columns ({@link #column}, not stored) and turns
 * them back into the codes as the defaults of the real columns ({@link #decode}), deriving {@code is_digital}
 * from the channel ({@link #isDigital}). Built once per run; the same instance travels to the writers.
 */
final class StageCodes implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The coded columns of service_events. */
    static final List<String> COLUMNS = List.of("agency", "service", "channel", "event", "beneficiary_type", "region");

    /** The ClickHouse type of each column's code. */
    private static final Map<String, String> TYPES = Map.of("agency", "UInt16", "service", "UInt16", "channel", "UInt8",
            "event", "UInt8", "beneficiary_type", "UInt8", "region", "UInt16");

    private static final List<String> OPTIONAL = List.of("beneficiary_type", "region");

    private final Map<String, List<String>> values;
    private final Map<String, Map<String, Integer>> positions = new HashMap<>();
    private final List<Boolean> digital;

    StageCodes(ReferenceData reference) {
        this.values = Map.of(
                "agency", reference.agencies().stream().map(Agency::code).toList(),
                "service", reference.services().stream().map(Service::code).toList(),
                "channel", reference.channels().stream().map(Channel::code).toList(),
                "event", IngestTransforms.EVENT_TYPES,
                "beneficiary_type", IngestTransforms.BENEFICIARY_TYPES,
                "region", reference.regions().stream().map(Region::code).toList());
        values.forEach((column, list) -> {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                index.putIfAbsent(list.get(i), i + 1);
            }
            positions.put(column, index);
        });
        this.digital = reference.channels().stream().map(Channel::digital).toList();
    }

    /** The code of {@code value} in {@code column}; 0 for null. A valid line has no other value. */
    int code(String column, String value) {
        if (value == null) {
            return 0;
        }
        Integer position = positions.get(column).get(value);
        if (position == null) {
            throw new IllegalStateException(column + " '" + value + "' of a valid line is not in the reference lists");
        }
        return position;
    }

    /** The ALTER TABLE commands that add the stage's ephemeral code columns ({@code agency_code UInt16}, ...). */
    static String addCodeColumns() {
        return COLUMNS.stream().map(c -> "ADD COLUMN " + column(c) + " " + TYPES.get(c) + " EPHEMERAL")
                .collect(Collectors.joining(", "));
    }

    /** The ALTER TABLE commands that give each coded column, and is_digital, its default from the codes. */
    String decodingDefaults() {
        return COLUMNS.stream().map(c -> "MODIFY COLUMN " + c + " DEFAULT " + decode(c))
                .collect(Collectors.joining(", ")) + ", MODIFY COLUMN is_digital DEFAULT " + isDigital();
    }

    /** The name of the stage's ephemeral column carrying the code of {@code column}: {@code agency_code}, ... */
    static String column(String column) {
        return column + "_code";
    }

    /** The SQL expression giving the text of {@code column} from its code (NULL for 0 in the optional ones). */
    private String decode(String column) {
        String text = "arrayElement(" + values.get(column).stream().map(Jdbc::quote)
                .collect(Collectors.joining(", ", "[", "]")) + ", " + column(column) + ")";
        return OPTIONAL.contains(column) ? "if(" + column(column) + " = 0, NULL, " + text + ")" : text;
    }

    /** The SQL expression giving {@code is_digital} from the channel's code. */
    private String isDigital() {
        return "arrayElement(" + digital.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"))
                + ", " + column("channel") + ")";
    }
}
