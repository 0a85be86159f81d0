package io.headroom.store;

import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.pricing.PriceMatch;
import io.headroom.domain.pricing.PriceTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Costs are stored per call; when the price table changes (an update, or the user's override),
 * every stored cost is recomputed once so reports never mix old and new prices.
 */
public final class Repricer {

    static final String META_KEY = "price_table_fingerprint";

    private Repricer() {
    }

    /** @return the number of rows repriced (0 when the table is unchanged) */
    public static int repriceIfChanged(Database database, PriceTable table, String fingerprint) {
        int[] count = {0};
        database.writer().execute(c -> {
            String stored = Meta.get(c, META_KEY);
            if (fingerprint.equals(stored)) {
                return;
            }
            count[0] = reprice(c, table);
            Meta.put(c, META_KEY, fingerprint);
        });
        return count[0];
    }

    private static int reprice(Connection c, PriceTable table) throws SQLException {
        int n = 0;
        try (PreparedStatement read = c.prepareStatement("SELECT id, model, ts, input_tokens, output_tokens,"
                + " cache_write_5m, cache_write_1h, cache_read, speed FROM usage_event");
                PreparedStatement write = c.prepareStatement(
                        "UPDATE usage_event SET cost_usd = ?, priced_as = ?, price_estimated = ? WHERE id = ?");
                ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                Instant at = Instant.ofEpochMilli(rs.getLong(3));
                PriceMatch match = table.resolve(rs.getString(2), at);
                TokenCounts t = UsageQueries.tokens(rs, 4);
                write.setDouble(1, table.cost(match.price(), t, Speed.fromCode(rs.getString(9))));
                write.setString(2, match.price().id());
                write.setInt(3, match.isEstimate() ? 1 : 0);
                write.setLong(4, rs.getLong(1));
                write.addBatch();
                if (++n % 5000 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return n;
    }
}
