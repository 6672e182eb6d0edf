package io.incidentledger.ledger.log;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The stored tree's reads on H2, the embedded default, in a table shaped like {@code ledger_node}. */
class JdbcNodeSourceTest extends JdbcNodeSourceContract {

    @Override
    DataSource emptyNodeTable() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:nodes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new JdbcTemplate(dataSource).execute("CREATE TABLE ledger_node (level INTEGER NOT NULL, "
                + "node_index BIGINT NOT NULL, hash VARBINARY NOT NULL, "
                + "CONSTRAINT pk_ledger_node PRIMARY KEY (level, node_index))");
        return dataSource;
    }
}
