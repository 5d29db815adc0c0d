/* tally-range-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The time range button of the filter bar: it shows the range as people
 * say it ("Last 24 hours", "Nov 3, 10:00 – 12:00") and opens a popover of
 * quick ranges beside a custom range. The custom From and To entries take
 * anything the dashboard's parser takes, are checked as they are typed
 * (the parser's own message shows under the entry) and apply with Enter
 * or Apply. The picker only proposes: it emits ::range-chosen and shows
 * whatever range it is then given, so the dashboard stays the one truth. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-range-picker.h"
#include "tally-time-describe.h"
#include "tally-time-range.h"

struct _TallyRangePicker
{
  GtkWidget       parent_instance;

  char           *from;
  char           *to;
  char           *label_text;

  GtkMenuButton  *button;
  GtkLabel       *label;
  GtkPopover     *popover;
  GtkListBox     *presets;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkLabel       *from_error;
  GtkLabel       *to_error;
  GtkWidget      *apply_button;
};

G_DEFINE_FINAL_TYPE (TallyRangePicker, tally_range_picker, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FROM,
  PROP_TO,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RANGE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Grafana's quick ranges; their labels come from tally_time_describe_range(),
 * so a preset and a dashboard saved with it read the same. */
static const struct
{
  const char *from;
  const char *to;
  gboolean    calendar;   /* a separator comes before the first one */
} presets[] = {
  { "now-5m", "now", FALSE },
  { "now-15m", "now", FALSE },
  { "now-30m", "now", FALSE },
  { "now-1h", "now", FALSE },
  { "now-3h", "now", FALSE },
  { "now-6h", "now", FALSE },
  { "now-12h", "now", FALSE },
  { "now-24h", "now", FALSE },
  { "now-2d", "now", FALSE },
  { "now-7d", "now", FALSE },
  { "now-30d", "now", FALSE },
  { "now-90d", "now", FALSE },
  { "now/d", "now/d", TRUE },
  { "now-1d/d", "now-1d/d", TRUE },
  { "now/w", "now/w", TRUE },
  { "now/M", "now/M", TRUE },
};

#define PRESET_KEY "tally-preset"
#define CHECK_KEY "tally-check"

static char *
describe (const char *from,
          const char *to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return tally_time_describe_range (from, to, now);
}

static void
emit_range_chosen (TallyRangePicker *self,
                   const char       *from,
                   const char       *to)
{
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[RANGE_CHOSEN], 0, from, to);
}

static void
preset_activated_cb (TallyRangePicker *self,
                     GtkListBoxRow    *row,
                     GtkListBox       *list)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), PRESET_KEY));

  emit_range_chosen (self, presets[i].from, presets[i].to);
}

static void
separate_calendar_cb (GtkListBoxRow *row,
                      GtkListBoxRow *before,
                      gpointer       data)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), PRESET_KEY));
  guint j = before != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (before), PRESET_KEY)) : i;

  if (presets[i].calendar != presets[j].calendar)
    {
      if (gtk_list_box_row_get_header (row) == NULL)
        gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static void
add_presets (TallyRangePicker *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autofree char *text = describe (presets[i].from, presets[i].to);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Current range"), -1);
      gtk_box_append (GTK_BOX (box), check);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), PRESET_KEY, GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (row), CHECK_KEY, check);
      gtk_list_box_append (self->presets, row);
    }
  gtk_list_box_set_header_func (self->presets, separate_calendar_cb, NULL, NULL);
}

/* The current range's preset shows a check; the others keep its space. */
static void
mark_current_preset (TallyRangePicker *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->presets));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), CHECK_KEY);
      guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), PRESET_KEY));
      gboolean current;

      if (check == NULL)
        continue;
      current = g_strcmp0 (presets[i].from, self->from) == 0 &&
                g_strcmp0 (presets[i].to, self->to) == 0;
      gtk_widget_set_opacity (check, current ? 1 : 0);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, current, -1);
    }
}

/* Shows @error's message under @entry, or hides it. */
static void
show_error (GtkEntry *entry,
            GtkLabel *label,
            GError   *error)
{
  gboolean invalid = error != NULL;

  gtk_label_set_text (label, invalid ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), invalid);
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Checks both entries as the parser would: each end on its own, then the
 * pair (an empty range is the To entry's error). */
static gboolean
validate (TallyRangePicker *self)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) from_error = NULL;
  g_autoptr(GError) to_error = NULL;
  g_autoptr(TallyTimeRange) range = NULL;
  gboolean from_ok, to_ok, valid;

  from_ok = tally_time_parse_point (from, now, FALSE, NULL, &from_error);
  to_ok = tally_time_parse_point (to, now, TRUE, NULL, &to_error);
  if (from_ok && to_ok)
    range = tally_time_range_parse (from, to, now, &to_error);

  show_error (self->from_entry, self->from_error, from_error);
  show_error (self->to_entry, self->to_error, to_error);
  valid = from_error == NULL && to_error == NULL;
  gtk_widget_set_sensitive (self->apply_button, valid);
  return valid;
}

static void
entry_changed_cb (TallyRangePicker *self)
{
  validate (self);
}

static void
apply_cb (TallyRangePicker *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (!validate (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry))));
  to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_entry))));
  emit_range_chosen (self, from, to);
}

/* Each time it opens, the popover starts from the current range. */
static void
popover_show_cb (TallyRangePicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), self->from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), self->to);
  validate (self);
  mark_current_preset (self);
}

static void
tally_range_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TALLY_TYPE_RANGE_PICKER);

  G_OBJECT_CLASS (tally_range_picker_parent_class)->dispose (object);
}

static void
tally_range_picker_finalize (GObject *object)
{
  TallyRangePicker *self = TALLY_RANGE_PICKER (object);

  g_free (self->from);
  g_free (self->to);
  g_free (self->label_text);

  G_OBJECT_CLASS (tally_range_picker_parent_class)->finalize (object);
}

static void
tally_range_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TallyRangePicker *self = TALLY_RANGE_PICKER (object);

  switch (prop_id)
    {
    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;
    case PROP_TO:
      g_value_set_string (value, self->to);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_range_picker_class_init (TallyRangePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_range_picker_dispose;
  object_class->finalize = tally_range_picker_finalize;
  object_class->get_property = tally_range_picker_get_property;

  /**
   * TallyRangePicker:from:
   *
   * The start of the range shown, as the dashboard keeps it.
   */
  properties[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TO] =
    g_param_spec_string ("to", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * TallyRangePicker:label:
   *
   * The range as the button says it, e.g. "Last 24 hours".
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TallyRangePicker::range-chosen:
   * @picker: the picker
   * @from: the start the user chose (valid for tally_time_range_parse())
   * @to: the end
   *
   * The user picked a quick range or applied a custom one. The picker
   * does not show it until tally_range_picker_set_range() is called.
   */
  signals[RANGE_CHOSEN] = g_signal_new ("range-chosen", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                        G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tallyapp/Tally/tally-range-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, TallyRangePicker, button);
  gtk_widget_class_bind_template_child (widget_class, TallyRangePicker, label);
  gtk_widget_class_bind_template_child (widget_class, TallyRangePicker, popover);
  gtk_widget_class_bind_template_child (widget_class, TallyRangePicker, presets);
  gtk_widget_class_bind_template_child (widget_class, TallyRangePicker, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyRangePicker, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TallyRangePicker, from_error);
  gtk_widget_class_bind_template_child (widget_class, TallyRangePicker, to_error);
  gtk_widget_class_bind_template_child (widget_class, TallyRangePicker, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, preset_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rangepicker");
}

static void
tally_range_picker_init (TallyRangePicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The messages under the entries describe them. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->from_entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->from_error, NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->to_entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->to_error, NULL, -1);
  add_presets (self);
  tally_range_picker_set_range (self, "now-24h", "now");
}

GtkWidget *
tally_range_picker_new (void)
{
  return g_object_new (TALLY_TYPE_RANGE_PICKER, NULL);
}

const char *
tally_range_picker_get_from (TallyRangePicker *self)
{
  g_return_val_if_fail (TALLY_IS_RANGE_PICKER (self), NULL);

  return self->from;
}

const char *
tally_range_picker_get_to (TallyRangePicker *self)
{
  g_return_val_if_fail (TALLY_IS_RANGE_PICKER (self), NULL);

  return self->to;
}

/**
 * tally_range_picker_get_label:
 *
 * Returns: (transfer none): what the button says, e.g. "Last 24 hours"
 */
const char *
tally_range_picker_get_label (TallyRangePicker *self)
{
  g_return_val_if_fail (TALLY_IS_RANGE_PICKER (self), NULL);

  return self->label_text;
}

/**
 * tally_range_picker_set_range:
 * @from: the range's start, as the dashboard keeps it
 * @to: its end
 *
 * Shows @from – @to: the button's label, the mark in the quick ranges,
 * and the custom entries the next time the popover opens.
 */
void
tally_range_picker_set_range (TallyRangePicker *self,
                              const char       *from,
                              const char       *to)
{
  g_autofree char *accessible = NULL;

  g_return_if_fail (TALLY_IS_RANGE_PICKER (self));
  g_return_if_fail (from != NULL && to != NULL);

  if (g_strcmp0 (self->from, from) == 0 && g_strcmp0 (self->to, to) == 0)
    return;

  g_free (self->from);
  g_free (self->to);
  g_free (self->label_text);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  self->label_text = describe (from, to);
  gtk_label_set_text (self->label, self->label_text);
  /* TRANSLATORS: the time range button's name for screen readers; %s is the range */
  accessible = g_strdup_printf (_("Time range: %s"), self->label_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  mark_current_preset (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/* Opens the popover, as a keyboard shortcut would. */
void
tally_range_picker_popup (TallyRangePicker *self)
{
  g_return_if_fail (TALLY_IS_RANGE_PICKER (self));

  gtk_menu_button_popup (self->button);
}
