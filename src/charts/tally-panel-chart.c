/* tally-panel-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* From a dashboard's panel to the chart that draws it: which renderer,
 * with which options from the panel's JSON, under which title. The window
 * (TallyPanelCard) and `tally render` (TallyDashboardRender) both ask
 * here, so a panel draws the same on screen and in a file. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-panel-chart.h"

/* The renderer of a panel type; `table`, `alerts` and `logs` are tables. */
TallyChartType
tally_panel_chart_type (TallyPanelType type)
{
  switch (type)
    {
    case TALLY_PANEL_STAT:
      return TALLY_CHART_STAT;
    case TALLY_PANEL_LINE:
      return TALLY_CHART_LINE;
    case TALLY_PANEL_BAR:
      return TALLY_CHART_BAR;
    case TALLY_PANEL_PIE:
      return TALLY_CHART_PIE;
    case TALLY_PANEL_HEATMAP:
      return TALLY_CHART_HEATMAP;
    case TALLY_PANEL_GAUGE:
      return TALLY_CHART_GAUGE;
    case TALLY_PANEL_TABLE:
    case TALLY_PANEL_ALERTS:
    case TALLY_PANEL_LOGS:
    case TALLY_N_PANEL_TYPES:
    default:
      return TALLY_CHART_TABLE;
    }
}

/**
 * tally_panel_chart_options:
 *
 * The drawing options of @panel's `options` member, or the defaults
 * when it has none.
 *
 * Returns: (transfer full) (nullable): the options, or %NULL with
 *   @error naming the member the renderers refuse
 */
TallyChartOptions *
tally_panel_chart_options (TallyPanel  *panel,
                           GError     **error)
{
  JsonObject *options;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (TALLY_IS_PANEL (panel), NULL);

  if ((options = tally_panel_get_options (panel)) == NULL)
    return tally_chart_options_new ();

  node = json_node_init_object (json_node_alloc (), options);
  return tally_chart_options_new_from_json (node, "options", error);
}

/**
 * tally_panel_chart_set_type:
 *
 * Makes @chart draw a panel of @type: its renderer, and what it says when
 * the panel's frame is empty ("No alerts in this time range" for an
 * `alerts` panel).
 */
void
tally_panel_chart_set_type (TallyChart     *chart,
                            TallyPanelType  type)
{
  g_return_if_fail (TALLY_IS_CHART (chart));

  tally_chart_set_chart_type (chart, tally_panel_chart_type (type));
  tally_chart_set_empty_message (chart, type == TALLY_PANEL_ALERTS
                                        ? _("No alerts in this time range") : NULL);
}

/**
 * tally_panel_chart_new:
 * @error: (nullable): set when the panel's options are refused
 *
 * A chart for @panel: its renderer, title and options. Options the
 * renderers refuse leave the defaults in place and set @error, for the
 * caller to show as the panel's error rather than drop silently.
 *
 * Returns: (transfer full): the chart, even when @error is set
 */
TallyChart *
tally_panel_chart_new (TallyPanel  *panel,
                       GError     **error)
{
  g_autoptr(TallyChartOptions) options = NULL;
  TallyChart *chart;

  g_return_val_if_fail (TALLY_IS_PANEL (panel), NULL);

  chart = tally_chart_new (tally_panel_chart_type (tally_panel_get_panel_type (panel)));
  tally_panel_chart_set_type (chart, tally_panel_get_panel_type (panel));
  tally_chart_set_title (chart, tally_panel_get_title (panel));
  if ((options = tally_panel_chart_options (panel, error)) != NULL)
    tally_chart_set_options (chart, options);

  return chart;
}
