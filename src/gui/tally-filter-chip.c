/* tally-filter-chip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* An active filter in the filter bar, as a chip: "Model: gpt-4o, o3".
 * The chip opens its dimension's values to change them, and its close
 * button (named for screen readers after what it removes) emits
 * ::remove. It shows what it is given; the bar keeps it in step with the
 * dashboard. */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-filter-chip.h"

struct _TallyFilterChip
{
  GtkWidget           parent_instance;

  char               *dimension;
  char               *text;

  GtkWidget          *button;
  GtkWidget          *label;
  GtkWidget          *close;
  TallyFilterPopover *popover;
};

G_DEFINE_FINAL_TYPE (TallyFilterChip, tally_filter_chip, GTK_TYPE_WIDGET)

enum
{
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
close_clicked_cb (TallyFilterChip *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
tally_filter_chip_dispose (GObject *object)
{
  TallyFilterChip *self = TALLY_FILTER_CHIP (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->button = self->label = self->close = NULL;
  self->popover = NULL;

  G_OBJECT_CLASS (tally_filter_chip_parent_class)->dispose (object);
}

static void
tally_filter_chip_finalize (GObject *object)
{
  TallyFilterChip *self = TALLY_FILTER_CHIP (object);

  g_free (self->dimension);
  g_free (self->text);

  G_OBJECT_CLASS (tally_filter_chip_parent_class)->finalize (object);
}

static void
tally_filter_chip_class_init (TallyFilterChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tally_filter_chip_dispose;
  object_class->finalize = tally_filter_chip_finalize;

  /**
   * TallyFilterChip::remove:
   * @chip: the chip
   *
   * The user asked to remove this filter.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterchip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tally_filter_chip_init (TallyFilterChip *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 40);
  gtk_label_set_width_chars (GTK_LABEL (self->label), 6);

  self->popover = TALLY_FILTER_POPOVER (tally_filter_popover_new (FALSE));
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), self->label);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (self->button), FALSE);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), GTK_WIDGET (self->popover));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  self->close = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_tooltip_text (self->close, _("Remove Filter"));
  gtk_widget_add_css_class (self->close, "close");
  gtk_widget_add_css_class (self->close, "flat");
  g_signal_connect_swapped (self->close, "clicked", G_CALLBACK (close_clicked_cb), self);
  gtk_widget_set_parent (self->close, GTK_WIDGET (self));

  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

/**
 * tally_filter_chip_new:
 * @dimension: the dimension filtered, e.g. "model"
 */
GtkWidget *
tally_filter_chip_new (const char *dimension)
{
  TallyFilterChip *self;

  g_return_val_if_fail (dimension != NULL, NULL);

  self = g_object_new (TALLY_TYPE_FILTER_CHIP, NULL);
  self->dimension = g_strdup (dimension);
  gtk_widget_set_name (GTK_WIDGET (self), dimension);
  tally_filter_popover_show_dimension (self->popover, dimension);
  tally_filter_chip_set_values (self, NULL);
  return GTK_WIDGET (self);
}

const char *
tally_filter_chip_get_dimension (TallyFilterChip *self)
{
  g_return_val_if_fail (TALLY_IS_FILTER_CHIP (self), NULL);

  return self->dimension;
}

/**
 * tally_filter_chip_get_text:
 *
 * Returns: (transfer none): what the chip says, e.g. "Model: gpt-4o, o3"
 */
const char *
tally_filter_chip_get_text (TallyFilterChip *self)
{
  g_return_val_if_fail (TALLY_IS_FILTER_CHIP (self), NULL);

  return self->text;
}

/**
 * tally_filter_chip_set_values:
 * @values: (array zero-terminated=1) (nullable): the values filtered on
 */
void
tally_filter_chip_set_values (TallyFilterChip    *self,
                              const char * const *values)
{
  const char *title;
  g_autofree char *joined = NULL;
  g_autofree char *remove = NULL;

  g_return_if_fail (TALLY_IS_FILTER_CHIP (self));

  title = tally_filter_dimension_get_title (self->dimension);
  g_free (self->text);
  if (values == NULL || values[0] == NULL)
    self->text = g_strdup (title);
  else
    {
      /* TRANSLATORS: the separator between the values of a filter chip */
      joined = g_strjoinv (_(", "), (char **) values);
      /* TRANSLATORS: a filter chip: a dimension, then the values filtered on */
      self->text = g_strdup_printf (_("%s: %s"), title, joined);
    }

  gtk_label_set_text (GTK_LABEL (self->label), self->text);
  gtk_widget_set_tooltip_text (self->button, self->text);
  /* TRANSLATORS: a filter chip's close button for screen readers; %s is what the chip says */
  remove = g_strdup_printf (_("Remove filter %s"), self->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text, -1);
}

/* Opens the chip's values, as a click on it does. */
void
tally_filter_chip_popup (TallyFilterChip *self)
{
  g_return_if_fail (TALLY_IS_FILTER_CHIP (self));

  gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}

/**
 * tally_filter_chip_get_popover:
 *
 * Returns: (transfer none): the popover of the chip's values
 */
TallyFilterPopover *
tally_filter_chip_get_popover (TallyFilterChip *self)
{
  g_return_val_if_fail (TALLY_IS_FILTER_CHIP (self), NULL);

  return self->popover;
}
