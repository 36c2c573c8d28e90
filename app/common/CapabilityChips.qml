import QtQuick
import QtQuick.Controls
import QtQuick.Controls.impl
import QtQuick.Layouts

// What a model can do, in words people use, each with its icon: the picker's
// rows, the chosen model beside the picker and the composer's warnings all
// show capabilities through this one component. `capabilities` holds the
// words ModelPickerModel gives ("vision", "audio", "tools", "json",
// "reasoning", "local"); unknown ones are shown as they are.
Flow {
    id: chips

    property var capabilities: []
    // Icons only, the words as tooltip and accessible name (narrow rows).
    property bool compact: false
    // Marks the chips as missing (the composer's warnings).
    property bool missing: false

    spacing: 4

    function words(capability) {
        switch (capability) {
        case "vision": return qsTr("sees images")
        case "audio": return qsTr("hears audio")
        case "tools": return qsTr("uses tools")
        case "json": return qsTr("JSON output")
        case "reasoning": return qsTr("reasoning")
        case "local": return qsTr("runs locally")
        }
        return capability
    }

    function iconName(capability) {
        switch (capability) {
        case "vision": return "eye"
        case "audio": return "ear"
        case "tools": return "wrench"
        case "json": return "braces"
        case "reasoning": return "brain"
        case "local": return "house"
        }
        return "info"
    }

    Accessible.role: Accessible.List
    Accessible.name: {
        var list = []
        for (var i = 0; i < chips.capabilities.length; ++i)
            list.push(chips.words(chips.capabilities[i]))
        return chips.missing ? qsTr("Missing: %1").arg(list.join(", ")) : list.join(", ")
    }

    Repeater {
        model: chips.capabilities
        Rectangle {
            id: chip
            required property string modelData
            objectName: "capability_" + modelData
            readonly property string words: chips.words(modelData)
            implicitWidth: label.implicitWidth + 12
            implicitHeight: label.implicitHeight + 4
            radius: height / 2
            color: chips.missing ? Theme.warningBackground : Theme.badge
            border.color: chips.missing ? Theme.errorText : "transparent"

            Accessible.role: Accessible.StaticText
            Accessible.name: chip.words

            IconLabel {
                id: label
                anchors.centerIn: parent
                spacing: 4
                display: chips.compact ? AbstractButton.IconOnly : AbstractButton.TextBesideIcon
                icon.source: Theme.icon(chips.iconName(chip.modelData))
                icon.width: 12
                icon.height: 12
                icon.color: chips.missing ? Theme.errorText : Theme.mutedText
                text: chip.words
                font.pixelSize: 11
                color: chips.missing ? Theme.errorText : Theme.mutedText
            }

            HoverHandler { id: hover }
            ToolTip.visible: chips.compact && hover.hovered
            ToolTip.text: chip.words
        }
    }
}
