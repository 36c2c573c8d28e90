import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// Chooses "provider/model" from the catalogue or takes a typed name; shows
// the capability badges of the chosen model.
RowLayout {
    id: picker

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null

    property var controller
    readonly property alias comboBox: combo

    // Ctrl+K: the field in focus with its text selected, so a typed name
    // replaces it (Enter takes it, Up and Down step through the catalogue).
    function open() {
        combo.forceActiveFocus(Qt.ShortcutFocusReason)
        combo.contentItem.selectAll()
    }

    spacing: 8

    Label {
        text: qsTr("Model")
        color: Theme.mutedText
    }

    ComboBox {
        id: combo
        objectName: "modelCombo"
        Layout.preferredWidth: 340
        editable: true
        Accessible.name: qsTr("Model")
        Accessible.description: qsTr("The model the next message goes to, as provider/model; type a name or choose one (Ctrl+K)")
        model: picker.workbench?.models
        textRole: "name"
        valueRole: "name"
        // The catalogue fills in after start-up and resets the edit text; show the chosen model again.
        function showChosen() {
            if (!picker.controller)
                return
            currentIndex = indexOfValue(picker.controller.model)
            editText = picker.controller.model
        }
        Component.onCompleted: showChosen()
        onCountChanged: showChosen()
        Connections {
            target: picker.controller
            ignoreUnknownSignals: true
            function onModelChanged() { combo.showChosen() }
        }
        onActivated: function(index) {
            picker.controller.model = currentValue
        }
        onAccepted: {
            var name = editText.trim()
            if (name.length === 0)
                return
            picker.workbench?.models.addModel(name)
            picker.controller.model = name
        }
        delegate: ItemDelegate {
            required property string name
            required property var capabilities
            required property int index
            width: ListView.view.width
            highlighted: combo.highlightedIndex === index
            Accessible.name: capabilities.length > 0 ? name + ", " + capabilities.join(", ") : name
            contentItem: RowLayout {
                spacing: 6
                Label {
                    Layout.fillWidth: true
                    text: name
                    elide: Text.ElideRight
                    color: Theme.text
                }
                Repeater {
                    model: capabilities
                    Badge {
                        required property string modelData
                        text: modelData
                    }
                }
            }
        }
    }

    Repeater {
        objectName: "modelBadges"
        model: picker.controller ? picker.workbench?.models.capabilitiesOf(picker.controller.model) : []
        Badge {
            required property string modelData
            text: modelData
        }
    }

    Item {
        Layout.fillWidth: true
    }

    BusyIndicator {
        visible: picker.workbench?.models.loading
        running: visible
        implicitWidth: 20
        implicitHeight: 20
    }
}
