package io.incidentledger.common;

import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The views' column widths on the embedded default (H2), migrated by the application's scripts. */
class ViewColumnsTest extends ViewColumnsContract {

    @Override
    Map<String, Integer> boundedColumns() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:view-columns-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2").load()
                .migrate();
        return read(new JdbcTemplate(dataSource), "PUBLIC");
    }
}
