/* tally-panel-gallery.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* "Add Panel": a few ready panels ("Requests per minute", "Cost by
 * model", …) and every panel type, each with an icon, a name and what it
 * shows. Picking one emits "picked" with a new panel, a sensible query
 * and size, and closes the window; the dashboard editor places it and
 * opens its editor. Each choice is a panel in the dashboard format, read
 * by the same reader as a file, so a choice is always a valid panel. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-dashboard.h"
#include "tally-panel-gallery.h"

struct _TallyPanelGallery
{
  AdwWindow             parent_instance;

  AdwPreferencesGroup  *presets_group;
  AdwPreferencesGroup  *types_group;
};

enum
{
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TallyPanelGallery, tally_panel_gallery, ADW_TYPE_WINDOW)

typedef struct
{
  const char *name;         /* the row's widget name: "type:stat", "preset:…" */
  const char *icon;
  const char *title;
  const char *description;
  const char *panel;        /* the panel, as JSON, but its title */
} Choice;

static const Choice presets[] = {
  { "preset:requests-per-minute", "x-office-presentation-symbolic", N_("Requests per minute"),
    N_("How many requests arrive each minute, per model"),
    "{\"id\":1,\"type\":\"line\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":12,\"h\":8},"
    "\"query\":{\"metric\":\"requests\",\"stat\":\"rate\",\"group_by\":\"model\",\"top\":5}}" },
  { "preset:cost-by-model", "view-list-symbolic", N_("Cost by model"),
    N_("What each model cost over the range, largest first"),
    "{\"id\":1,\"type\":\"bar\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":12,\"h\":8},"
    "\"query\":{\"metric\":\"cost\",\"stat\":\"sum\",\"group_by\":\"model\",\"top\":8},"
    "\"options\":{\"unit\":\"usd\",\"bar\":{\"orientation\":\"horizontal\"}}}" },
  { "preset:p95-latency", "accessories-calculator-symbolic", N_("P95 latency"),
    N_("The latency 95 % of requests stay under"),
    "{\"id\":1,\"type\":\"stat\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4},"
    "\"query\":{\"metric\":\"latency\",\"stat\":\"p95\"}}" },
  { "preset:error-rate", "dialog-warning-symbolic", N_("Error rate"),
    N_("The share of requests that failed, amber from 5 %, red from 10 %"),
    "{\"id\":1,\"type\":\"stat\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4},"
    "\"query\":{\"metric\":\"error_rate\",\"stat\":\"avg\"},"
    "\"options\":{\"unit\":\"percent\",\"thresholds\":[{\"value\":0.05,\"color\":\"warning\"},"
    "{\"value\":0.1,\"color\":\"error\"}]}}" },
};

static const Choice types[] = {
  { "type:stat", "accessories-calculator-symbolic", N_("Stat"),
    N_("One number, with its change from the previous period"),
    "{\"id\":1,\"type\":\"stat\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":4},"
    "\"query\":{\"metric\":\"requests\",\"stat\":\"count\"}}" },
  { "type:line", "x-office-presentation-symbolic", N_("Line"),
    N_("A metric over time, one line per group"),
    "{\"id\":1,\"type\":\"line\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":12,\"h\":8},"
    "\"query\":{\"metric\":\"requests\",\"stat\":\"count\"}}" },
  { "type:bar", "view-list-symbolic", N_("Bar"),
    N_("Groups side by side, or a metric over time in bars"),
    "{\"id\":1,\"type\":\"bar\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":12,\"h\":8},"
    "\"query\":{\"metric\":\"requests\",\"stat\":\"count\",\"group_by\":\"model\",\"top\":8}}" },
  { "type:pie", "emblem-system-symbolic", N_("Pie"),
    N_("How a total splits between groups"),
    "{\"id\":1,\"type\":\"pie\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":8,\"h\":8},"
    "\"query\":{\"metric\":\"cost\",\"stat\":\"sum\",\"group_by\":\"model\",\"top\":6}}" },
  { "type:heatmap", "view-app-grid-symbolic", N_("Heatmap"),
    N_("A metric over two dimensions, such as the hour of each weekday"),
    "{\"id\":1,\"type\":\"heatmap\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":24,\"h\":8},"
    "\"query\":{\"metric\":\"requests\",\"stat\":\"count\",\"rows\":\"day_of_week\","
    "\"columns\":\"hour_of_day\"}}" },
  { "type:table", "x-office-spreadsheet-symbolic", N_("Table"),
    N_("The latest requests, one per row"),
    "{\"id\":1,\"type\":\"table\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":12,\"h\":8},"
    "\"query\":{\"metric\":\"requests\",\"stat\":\"count\",\"limit\":100}}" },
  { "type:gauge", "power-profile-performance-symbolic", N_("Gauge"),
    N_("One number on a dial between a minimum and a maximum"),
    "{\"id\":1,\"type\":\"gauge\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":6,\"h\":6},"
    "\"query\":{\"metric\":\"error_rate\",\"stat\":\"avg\"},\"options\":{\"unit\":\"percent\"}}" },
  { "type:alerts", "alarm-symbolic", N_("Alerts"),
    N_("The alert rules that are firing"),
    "{\"id\":1,\"type\":\"alerts\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":12,\"h\":6},"
    "\"query\":{\"metric\":\"requests\",\"stat\":\"count\"}}" },
  { "type:logs", "text-x-generic-symbolic", N_("Logs"),
    N_("Failed requests with their error, trace and request IDs"),
    "{\"id\":1,\"type\":\"logs\",\"gridPos\":{\"x\":0,\"y\":0,\"w\":24,\"h\":8},"
    "\"query\":{\"metric\":\"errors\",\"stat\":\"count\",\"limit\":100}}" },
};

static const Choice *
find_choice (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].name, name))
      return &presets[i];
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (types[i].name, name))
      return &types[i];
  return NULL;
}

/**
 * tally_panel_gallery_make_panel:
 * @name: a choice of the gallery: "type:stat" … "type:logs", or a preset,
 *   "preset:requests-per-minute", "preset:cost-by-model",
 *   "preset:p95-latency", "preset:error-rate"
 *
 * Returns: (transfer full) (nullable): a new panel, placed at (0, 0),
 *   or %NULL for an unknown @name
 */
TallyPanel *
tally_panel_gallery_make_panel (const char *name)
{
  const Choice *choice = find_choice (name);
  g_autoptr(TallyDashboard) dashboard = NULL;
  g_autoptr(TallyPanel) panel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (choice == NULL)
    return NULL;

  json = g_strdup_printf ("{\"format\":\"tally-dashboard\",\"version\":1,\"uid\":\"gallery\","
                          "\"title\":\"Gallery\",\"panels\":[%s]}", choice->panel);
  dashboard = tally_dashboard_new_from_data (json, -1, &error);
  /* The choices are written here: each is a valid panel. */
  g_assert_no_error (error);
  panel = g_list_model_get_item (tally_dashboard_get_panels (dashboard), 0);
  tally_panel_set_title (panel, _(choice->title));

  return tally_panel_copy (panel);
}

/* The name of a panel type, as the gallery and the editor show it. */
const char *
tally_panel_type_get_title (TallyPanelType type)
{
  g_return_val_if_fail (type < TALLY_N_PANEL_TYPES, NULL);
  G_STATIC_ASSERT (G_N_ELEMENTS (types) == TALLY_N_PANEL_TYPES);

  /* types[] lists them in the enum's order. */
  return _(types[type].title);
}

static void
row_activated_cb (TallyPanelGallery *self,
                  AdwActionRow      *row)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (row));
  g_autoptr(TallyPanel) panel = tally_panel_gallery_make_panel (name);

  g_return_if_fail (panel != NULL);
  /* Closing drops the handlers: "picked" comes first. */
  g_object_ref (self);
  g_signal_emit (self, signals[PICKED], 0, panel);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
add_rows (TallyPanelGallery   *self,
          AdwPreferencesGroup *group,
          const Choice        *choices,
          guint                n)
{
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (choices[i].icon);

      gtk_widget_set_name (row, choices[i].name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(choices[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(choices[i].description));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (group, row);
    }
}

static void
tally_panel_gallery_class_init (TallyPanelGalleryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * TallyPanelGallery::picked:
   * @panel: a new panel at (0, 0), of the size it starts at
   *
   * The user picked a panel; the gallery closes after this.
   */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, TALLY_TYPE_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/tally-panel-gallery.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyPanelGallery, presets_group);
  gtk_widget_class_bind_template_child (widget_class, TallyPanelGallery, types_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tally_panel_gallery_init (TallyPanelGallery *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_rows (self, self->presets_group, presets, G_N_ELEMENTS (presets));
  add_rows (self, self->types_group, types, G_N_ELEMENTS (types));
}

GtkWidget *
tally_panel_gallery_new (void)
{
  return g_object_new (TALLY_TYPE_PANEL_GALLERY, NULL);
}
