package clusterlab.primes;

import java.util.List;
import javax.swing.table.AbstractTableModel;

/** The rows of {@link PanelContent#workers()} as a Swing table model, for the window's worker list. */
final class WorkerTable extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private transient List<List<String>> rows = List.of();

    /** Shows new rows; call on Swing's event thread. */
    void setRows(List<List<String>> newRows) {
        boolean sameShape = newRows.size() == rows.size();
        rows = newRows;
        if (sameShape && !rows.isEmpty()) {
            fireTableRowsUpdated(0, rows.size() - 1);
        } else if (!sameShape) {
            fireTableDataChanged();
        }
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return PanelContent.WORKER_COLUMNS.size();
    }

    @Override
    public String getColumnName(int column) {
        return PanelContent.WORKER_COLUMNS.get(column);
    }

    @Override
    public Object getValueAt(int row, int column) {
        return rows.get(row).get(column);
    }
}
